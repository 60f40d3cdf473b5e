/** Bundles fake-office/entry.ts into OUT_DIR/fake-office.js (called by build.ts). */
"use strict";
const path = require("path");
const webpack = require("webpack");

const out = process.argv[2];
const root = path.resolve(__dirname, "../../..");
webpack(
  {
    mode: "development",
    devtool: false,
    context: root,
    target: ["web", "es2020"],
    entry: path.join(__dirname, "entry.ts"),
    output: { path: out, filename: "fake-office.js" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, configFile: path.join(root, "tsconfig.json"), compilerOptions: { module: "esnext", noEmit: false } },
          },
        },
      ],
    },
  },
  (err, stats) => {
    if (err || stats.hasErrors()) {
      console.error(err || stats.toString("errors-only"));
      process.exit(1);
    }
  },
);
