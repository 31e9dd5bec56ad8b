import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The platform serves the built files from the jar's META-INF/resources/console/, i.e. under /console/.
// `npm run dev` proxies the API, the sign-in and the authorization server to a platform on :8080. It listens on
// 127.0.0.1: the console's OAuth client accepts loopback callbacks at any port.
const platform = process.env.SWITCHBOARD_URL ?? "http://localhost:8080";

export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: {
    outDir: "target/classes/META-INF/resources/console",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": platform,
      "/oauth2": platform,
      "/login": platform,
      "/logout": platform,
    },
  },
});
