import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "coverage/", ".cache/", ".devhost-data/", "devhost/host-page/build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]", message: "No focused or skipped tests on main." },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/ado/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "azure-devops-extension-sdk", message: "Only src/ado talks to Azure DevOps." }],
          patterns: [{ group: ["azure-devops-extension-api", "azure-devops-extension-api/*"], message: "Only src/ado talks to Azure DevOps." }],
        },
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["react", "react-dom", "azure-devops-*", "**/ado/*", "**/ui/*", "**/contributions/*"], message: "src/domain is pure: no React, SDK, REST or UI imports." }] },
      ],
    },
  },
);
