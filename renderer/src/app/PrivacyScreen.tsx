/** Covers the whole window the instant the privacy key is pressed; the lock screen replaces it once locked. */
export function PrivacyScreen() {
  return (
    <div className="privacy-screen" data-testid="privacy-screen" role="presentation">
      <p className="privacy-screen__text">Screen hidden</p>
    </div>
  );
}
