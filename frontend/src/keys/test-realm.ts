// Imported first by DOM tests that handle bytes. Vitest's jsdom environment puts jsdom's
// Uint8Array on the global object, while Node's fetch streams and TextEncoder (which stand in for
// the browser's in these tests) make Node's, so `instanceof Uint8Array` would tell the two apart
// and the content store and the ciphers would refuse their own bytes. A browser has one
// Uint8Array: this gives the test one too, before any other module runs.
globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor as Uint8ArrayConstructor;
