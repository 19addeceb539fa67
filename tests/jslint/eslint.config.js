// ESLint for the site's own scripts (overrides/assets/javascripts/, issue #19).
// Run from the repository root: `scripts/manage.py test` does
//   tests/jslint/node_modules/.bin/eslint --config tests/jslint/eslint.config.js
// so the patterns below are relative to the root (ESLint 9 with --config).
// The scripts are classic deferred browser scripts (no modules, no build step);
// they share code through window.ib* objects.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {
    ignores: ["overrides/assets/javascripts/vendor/**"],
  },
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
  },
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // document$: Material's page observable; our scripts check it exists first.
      globals: { ...globals.browser, document$: "readonly" },
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // Likely bugs beyond the recommended set.
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-shadow": "error",
      // Classes and functions may be named before their definition inside a function
      // that runs later (a class used when the page is ready); not at the top level.
      "no-use-before-define": ["error", { functions: false, classes: false }],
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-unused-expressions": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "no-return-assign": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-constructor-return": "error",
      "no-promise-executor-return": "error",
      "array-callback-return": "error",
      "consistent-return": "error",
      "default-case-last": "error",
      strict: ["error", "function"],
    },
  },
];
