// Loaded into Electronegativity's process (`node --import`) so the check never waits on the network: on every run it
// asks the internet for fresh translations (twice, each with retries) and, in one check, for Electron's release
// list. Here every outgoing HTTP(S) request fails at once, with a code no HTTP client retries, so those look-ups give
// up immediately and the tool falls back to the translations it ships with.
import http from 'node:http';
import https from 'node:https';

function refuse() {
  const error = new Error('Electronegativity runs offline in this project: no request leaves the machine.');
  error.code = 'ERR_OFFLINE_CHECK';
  throw error;
}

for (const transport of [http, https]) {
  transport.request = refuse;
  transport.get = refuse;
}
