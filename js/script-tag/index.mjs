// Entry of the script-tag build, dist/setupflow.js: window.SetupFlow
// (global.mjs) and nothing else.
import { installSetupFlowGlobal } from './global.mjs';

installSetupFlowGlobal();
