export const reportHandlers = {};
