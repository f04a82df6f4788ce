/**
 * Why a call to the scoring service did not give a result, in the two kinds a
 * cell can show: `unavailable` becomes #N/A (service down, timeout, not signed
 * in), `invalid` becomes #VALUE! (the cell's input is wrong). The message is
 * what the person reads under the error.
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: "unavailable" | "invalid",
    message: string
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const SIGN_IN_MESSAGE = "Sign in from the Smart City pane";
