// e2e global setup: the browser tests run the built extension, so build it first (the webpack
// filesystem cache makes this a few seconds when nothing changed).
const path = require("path");
const webpack = require("webpack");

module.exports = async function buildExtension() {
  const root = path.resolve(__dirname, "..", "..", "..");
  const config = require(path.join(root, "webpack.config.js"))({}, { mode: "production" });
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve();
    });
  });
};
