import Hummingbird
import NIOCore
import NIOHTTP1

/// Reads a whole request body, answering the client's mistakes as 4xx rather than letting NIO's errors become
/// 500s: a body over the limit is `413 Content Too Large`, a body that cannot be decoded (a bad chunk size, a
/// chunk size that overflows, a transfer coding other than chunked) is `400 Bad Request`. The messages say which.
enum RequestBodyReader {
    /// - Throws: ``BylineError`` `413 body_too_large` with `tooLarge` as its message; `400 malformed_body` for a
    ///   body that is not valid HTTP/1.1.
    static func collect(_ request: Request, upTo limit: Int, tooLarge: @autoclosure () -> String) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw BylineError(status: .contentTooLarge, code: "body_too_large", message: tooLarge())
        } catch let error as HTTPParserError {
            throw BylineError(status: .badRequest, code: "malformed_body", message: "The request body could not be read: \(describe(error)).")
        }
    }

    static func describe(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidChunkSize: return "a chunk size is not a hexadecimal number that fits"
        case .invalidContentLength, .unexpectedContentLength: return "its Content-Length does not match its framing"
        case .invalidEOFState, .closedConnection: return "it ended before its end"
        default: return "its chunked encoding is not valid HTTP/1.1"
        }
    }
}
