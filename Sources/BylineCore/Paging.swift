/// A page request: which page (from 1) and how many items on it.
public struct PageRequest: Hashable, Sendable {
    public static let maxPage = 10_000
    public static let maxSize = 100
    public var page: Int
    public var size: Int
    public init(page: Int = 1, size: Int = 20) {
        self.page = min(max(page, 1), Self.maxPage)
        self.size = min(max(size, 1), Self.maxSize)
    }
    public var offset: Int { (page - 1) * size }
}

/// One page of results with the total count, so views can link the next and previous pages.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var request: PageRequest
    public var total: Int
    public init(items: [Item], request: PageRequest, total: Int) {
        self.items = items; self.request = request; self.total = total
    }
    public var pageCount: Int { max(1, (total + request.size - 1) / request.size) }
    public var hasNext: Bool { request.page < pageCount }
    public var hasPrevious: Bool { request.page > 1 }
}

extension Paged: Equatable where Item: Equatable {}
