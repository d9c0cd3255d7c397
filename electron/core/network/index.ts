// The hub's certificates and connect mode's pinned client: plain Node, no HTTP server of its own, so the network
// door (whatever framework serves it) and the Electron window each plug these in.
export { renewIfDue, setUpHubCertificates, tlsServerOptions } from './certificates';
export type { Renewal } from './certificates';
export { HUB_TLS_FOLDER, HubNameError, HubTlsFolderError, hubTlsFolder, loadHubCertificates } from './hubTlsFiles';
export type { CertificateClock, HubCertificates, HubNames } from './hubTlsFiles';
export { CertificateRefusedError, importSchoolCertificate } from './schoolCertificate';
export type { CertificateRefusal, SchoolCertificate } from './schoolCertificate';
export { describeFingerprint, fingerprintOfCertificate, typedMatchesFingerprint } from './fingerprint';
export type { HubFingerprint } from './fingerprint';
export {
  CSRF_HEADER,
  createPinnedClient,
  HubIdentityError,
  HubUnreachableError,
  NOT_YOUR_HUB_MESSAGE,
} from './pinnedClient';
export type { HubEventStream, HubEventStreamOptions, HubPin, HubResponse, PinnedClient } from './pinnedClient';
export type { ServerSentEvent } from './eventStreamParser';
export {
  CONNECT_FILE,
  EnrolmentRefusedError,
  HUB_INTAKE_KEYS_PATH,
  HUB_INTAKE_PATH,
  VOUCHED_DELIVERY_HEADER,
  HUB_ROOT_CERTIFICATE_PATH,
  enrolWithHub,
  fetchHubKeys,
  hubKeysDocument,
  fetchRootForEnrolment,
  normaliseHubUrl,
  readConnectSettings,
  rememberHubKeys,
  rootCertificateDownload,
  serveRootCertificate,
} from './enrolment';
export { hubTransport, sendToHub } from './hubTransport';
export type { HubReply, RemoteInvoke } from './hubTransport';
export type { ConnectSettings, EnrolmentRefusal, HubKeysSetting } from './enrolment';
export { SAVED_ON_THIS_COMPUTER, connectModeWithOutbox } from './connectModeOutbox';
export type { ConnectMode, ConnectModeOptions, DeliveryRound, DeliveryStop } from './connectModeOutbox';
export { CODE_MISMATCH, connectArgument, hostConnectMode } from './connectModeHost';
export type { ConnectModeHost, ConnectModeHostOptions } from './connectModeHost';
