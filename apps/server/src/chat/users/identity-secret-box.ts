export { secretBoxOf } from '../secret-box.js';
