export { APP_FOLDER_NAME, defaultDataDir, resolveDataDir } from './dataDir';
export { contentSecurityPolicy } from './contentSecurityPolicy';
