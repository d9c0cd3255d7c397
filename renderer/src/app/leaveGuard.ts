// A page can ask to be confirmed before the DSL moves away from it inside the app (a passphrase shown once, not yet
// confirmed). Closing the window is guarded separately with `beforeunload`.
let warning: string | null = null;

/** Set while leaving would lose something for good; null when leaving is safe again. */
export function guardLeaving(message: string | null): void {
  warning = message;
}

/** True when the page may change: nothing is guarded, or the person confirms they want to leave. */
export function mayLeave(): boolean {
  return warning === null || window.confirm(warning);
}
