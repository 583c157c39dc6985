/**
 * Stands in for auth-js's WebAuthn support where GoTrueClient imports it (vite/narrow-imports.ts):
 * the admin signs in with email and password and enrolls no passkeys or WebAuthn factors, so the
 * real module (about 4 KB gzipped) would only weigh on every page. The browser is reported as
 * not supporting WebAuthn; anything that would use it anyway fails with this message.
 */
const NOT_BUNDLED = "WebAuthn is not bundled with the admin: remove its entry in vite/narrow-imports.ts to use it";

const notBundled = (): never => {
  throw new Error(NOT_BUNDLED);
};

export const browserSupportsWebAuthn = (): boolean => false;
export const createCredential = notBundled;
export const getCredential = notBundled;
export const deserializeCredentialCreationOptions = notBundled;
export const deserializeCredentialRequestOptions = notBundled;
export const serializeCredentialCreationResponse = notBundled;
export const serializeCredentialRequestResponse = notBundled;
export const webAuthnAbortService = { createNewAbortSignal: notBundled, cancelCeremony: () => {} };

export class WebAuthnApi {
  enroll = notBundled;
  challenge = notBundled;
  verify = notBundled;
  authenticate = notBundled;
  register = notBundled;
}
