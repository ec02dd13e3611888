using MediatR;

namespace Lms.Contracts.Media;

/// <summary>A media file's bytes and content type.</summary>
public sealed record MediaContent(Guid MediaId, string FileName, string ContentType, byte[] Content);

/// <summary>
/// The bytes of the media file a URL names (<c>/media/{id}/{name}</c>, relative or absolute), for documents that
/// embed an image (the seal on a certificate). Null when the URL names no stored file.
/// </summary>
public sealed record GetMediaContent(string Url) : IRequest<MediaContent?>;
