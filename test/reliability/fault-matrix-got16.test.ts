import { defineFaultMatrix } from '../helpers/matrix-runner.js';

defineFaultMatrix('got16');
