/// Ranking: related articles, recommendations and search ranking, as pure functions over indexes.
///
/// The pieces and how the web app wires them:
/// - ``RelatedIndex``: an incremental index of published articles (``RelatedDocument``). Add an
///   article when it is published, ``RelatedIndex/update(_:)`` when it is edited and
///   ``RelatedIndex/remove(_:)`` when it is unpublished; ask ``RelatedIndex/related(to:_:)`` with a
///   ``RelatedRequest`` carrying the editor's pins and exclusions and the ids already on the page.
/// - ``ReadingModel``: reader histories, co-reading and popularity built from ``ReadingEvent``s;
///   replay stored events at start-up, then ``ReadingModel/record(_:)`` new ones in batches.
///   ``ReadingModel/forget(_:)`` when a reader clears their history; ``ReadingModel/mostRead(window:now:limit:where:)``
///   for the "Most read" block.
/// - ``Recommender``: "Recommended for you" from a ``RecommendationRequest``, the model and
///   (optionally) the related index for content similarity, sections and dates.
///
/// All are value types and `Sendable`: keep each in an actor (or behind a lock) that owns the
/// writes, and hand readers a copy or query inside the actor; queries never mutate.
/// ``RankingMetrics``, ``NextClickEvaluation`` and ``RelatedEvaluation`` hold the measuring code
/// used by `byline eval related` and `byline eval recs`.
public enum BylineRank {}
