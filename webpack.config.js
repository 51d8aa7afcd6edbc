// One entry per contribution, listed in src/contributions/entries.json so the manifest, the
// build and the bench agree on what exists.
const path = require("path");
const { EsbuildPlugin } = require("esbuild-loader");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const entries = require("./src/contributions/entries.json");

module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  return {
    target: "web",
    entry: Object.fromEntries(entries.map((e) => [e.name, "./" + e.source])),
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].js",
      publicPath: "auto",
      clean: true,
    },
    devtool: production ? false : "inline-source-map",
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    cache: {
      type: "filesystem",
      cacheDirectory: path.resolve(__dirname, ".cache/webpack"),
      buildDependencies: { config: [__filename, path.resolve(__dirname, "src/contributions/entries.json")] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: "esbuild-loader",
          options: { target: "es2020", tsconfig: path.resolve(__dirname, "tsconfig.json") },
        },
        { test: /azure-devops-extension-api/, sideEffects: false },
        { test: /\.css$/, use: ["style-loader", "css-loader"] },
        { test: /\.(woff2?|ttf|eot|svg|png)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: "es2020", css: true })],
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // Chart.js only where a chart is drawn (widgets, hubs), not in every form's vendor chunk.
          charts: { test: /[\\/]node_modules[\\/](chart\.js|@kurkle)[\\/]/, name: "charts", chunks: "initial", priority: 20, reuseExistingChunk: true },
          // Initial chunks only: a library loaded on demand (exceljs for XLSX) stays in its own chunk.
          vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial", priority: 10, reuseExistingChunk: true },
          shared: { minChunks: 2, name: "shared", priority: 5, reuseExistingChunk: true },
        },
      },
    },
    plugins: entries.map(
      (e) =>
        new HtmlWebpackPlugin({
          filename: `${e.name}.html`,
          template: path.resolve(__dirname, "static/contribution.html"),
          title: e.title,
          chunks: [e.name],
          scriptLoading: "defer",
        }),
    ),
    performance: { hints: false },
    stats: production ? "errors-warnings" : "minimal",
  };
};
