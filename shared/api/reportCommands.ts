// Safeguarding culture reports for headteachers and governors (filled in by the reports feature).
export const reportCommands = {};
