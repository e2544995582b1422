/// Ranking: related articles, recommendations and search ranking, as pure functions over indexes.
public enum BylineRank {}
