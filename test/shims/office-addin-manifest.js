// Jest shim: the real package is ESM-only deep inside; tests need only the enum.
module.exports = { OfficeApp: { Excel: "excel", Word: "word", Outlook: "outlook", PowerPoint: "powerpoint", OneNote: "onenote", Project: "project" } };
