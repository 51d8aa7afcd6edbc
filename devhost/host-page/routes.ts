import express from "express";
import fs from "fs";
import path from "path";
import { buildHostPage } from "./build";

export interface HostPageOptions {
  /** The extension manifest the shell reads (default: the project's vss-extension.json). */
  manifestPath: string;
  /** Folder the manifest's files are relative to; contribution uris resolve against it. */
  extensionRoot: string;
}

/** The browser side of devhost: the shell page, its script, the manifest and the extension's files. */
export function hostPageRouter(options: HostPageOptions): express.Router {
  const router = express.Router();
  const built = buildHostPage();
  router.get("/", (_request, response) => response.sendFile(path.join(__dirname, "index.html")));
  router.get("/host/host.js", (_request, response) => response.type("application/javascript").sendFile(built));
  router.get("/host/host.css", (_request, response) => response.sendFile(path.join(__dirname, "host.css")));
  router.get("/vss-extension.json", (_request, response) => {
    if (!fs.existsSync(options.manifestPath)) response.status(404).type("text/plain").send(`No manifest at ${options.manifestPath}`);
    else response.type("application/json").send(fs.readFileSync(options.manifestPath, "utf8"));
  });
  router.use("/dist", (_request, response, next) => {
    if (fs.existsSync(path.join(options.extensionRoot, "dist"))) next();
    else response.status(404).type("text/plain").send('The extension is not built: run "npm run build" (npm start does it for you).');
  });
  router.use("/dist", express.static(path.join(options.extensionRoot, "dist"), { fallthrough: false }));
  router.use("/static", express.static(path.join(options.extensionRoot, "static"), { fallthrough: false }));
  return router;
}
