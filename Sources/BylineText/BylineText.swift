/// Turns Markdown into HTML and finds the entities an article is about.
public enum BylineText {}
