// Projects: unit (pure logic, node), component (React in jsdom with the SDK mocked),
// integration (devhost's REST over loopback) and e2e (the built extension in headless Chromium).
const tsJest = ["ts-jest", { tsconfig: "tsconfig.test.json" }];

const common = {
  transform: { "^.+\\.m?(t|j)sx?$": tsJest },
  // azure-devops-ui and chevrotain ship ES modules only.
  transformIgnorePatterns: ["/node_modules/(?!(azure-devops-ui|chevrotain)/)"],
  moduleNameMapper: {
    "\\.css$": "<rootDir>/tests/support/style-mock.js",
    "^azure-devops-extension-sdk$": "<rootDir>/tests/support/sdk-mock.ts",
    "^chevrotain$": "<rootDir>/node_modules/chevrotain/lib/chevrotain.mjs",
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "component",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/component/**/*.test.tsx"],
    },
    {
      ...common,
      displayName: "integration",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/e2e/**/*.e2e.ts"],
      globalSetup: "<rootDir>/tests/e2e/support/build-extension.js",
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
  collectCoverageFrom: ["src/**/*.{ts,tsx}"],
  coverageReporters: ["text-summary", "lcov"],
  coverageDirectory: "coverage",
};
