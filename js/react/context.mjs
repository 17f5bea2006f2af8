// The React context SetupFlowProvider fills and every element component reads.
import { createContext } from 'react';

export const SetupFlowContext = createContext(null);
