@_exported import Tagged

/// Identifies an ``Article`` in a store.
public typealias ArticleID = Tagged<Article, Int64>
/// Identifies a ``Section`` in a store.
public typealias SectionID = Tagged<Section, Int64>
/// Identifies an ``Author`` in a store.
public typealias AuthorID = Tagged<Author, Int64>
/// Identifies a ``Tag`` in a store.
public typealias TagID = Tagged<Tag, Int64>
