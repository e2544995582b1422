/// Feeds, sitemaps and structured data, written from domain values.
public enum BylineSyndication {}
