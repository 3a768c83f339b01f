// Lets the components import their stylesheet (Vite bundles CSS imports); tsconfig.web.json loads no global types.
/// <reference types="vite/client" />
