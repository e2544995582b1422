// BylineWeb
