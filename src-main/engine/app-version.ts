// The app's name and version, from package.json.
import { PACKAGE_JSON } from './package-root';

export const APP_NAME = PACKAGE_JSON.productName ?? 'Library of Dynamics';
export const APP_VERSION = PACKAGE_JSON.version;
