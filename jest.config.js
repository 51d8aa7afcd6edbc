// Projects: unit (pure domain, node), component (React in jsdom with the SDK mocked).
// Later issues add integration (devhost over loopback) and e2e (headless Chromium).
const tsJest = ["ts-jest", { tsconfig: "tsconfig.test.json" }];

const common = {
  transform: { "^.+\\.(t|j)sx?$": tsJest },
  transformIgnorePatterns: ["/node_modules/(?!azure-devops-ui/)"],
  moduleNameMapper: {
    "\\.css$": "<rootDir>/tests/support/style-mock.js",
    "^azure-devops-extension-sdk$": "<rootDir>/tests/support/sdk-mock.ts",
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
  ],
  collectCoverageFrom: ["src/**/*.{ts,tsx}"],
  coverageReporters: ["text-summary", "lcov"],
  coverageDirectory: "coverage",
};
