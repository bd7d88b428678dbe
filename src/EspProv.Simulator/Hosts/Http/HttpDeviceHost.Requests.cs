using Microsoft.AspNetCore.Http;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>The request path of <see cref="HttpDeviceHost"/> (protocomm_httpd.c common_post_handler).</summary>
public sealed partial class HttpDeviceHost
{
    /// <summary>esp_http_server's receive buffer limit for a protocomm request body.</summary>
    public const int MaxRequestBody = 4096;

    internal async Task HandleAsync(HttpContext context)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            context.Abort();
            return;
        }

        var endpoint = context.Request.Path.HasValue ? context.Request.Path.Value![1..] : string.Empty;
        if (!Device.HasEndpoint(endpoint) || Device.IsStopped)
        {
            _log?.Invoke($"{ConfigEndpoint.Printable(System.Text.Encoding.UTF8.GetBytes(endpoint[..Math.Min(endpoint.Length, 64)]))}: 404, {(Device.HasEndpoint(endpoint) ? "provisioning has stopped (auto-stop after success)" : "no such endpoint")}");
            await SendErrorAsync(context, StatusCodes.Status404NotFound, "This URI does not exist").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await SendErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Request method for this URI is not handled by server").ConfigureAwait(false);
            return;
        }

        // Read the body before taking the device: a slow or half-closed client must not block the others.
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var connectionId = context.Connection.Id;
        string? cookie = context.Request.Headers.Cookie.Count > 0 ? context.Request.Headers.Cookie[0] : null;
        byte[]? response;

        // protocomm_httpd decides the session and handles the request in one go, so the session rules run in the device's turn.
        using (var turn = await Device.TakeTurnAsync(context.RequestAborted).ConfigureAwait(false))
        {
            var (sessionId, newSession) = _sessions.Resolve(cookie, connectionId);
            if (newSession)
            {
                turn.OpenSession(sessionId);
                _log?.Invoke($"new session {HttpSessionTracker.LogTag(sessionId)} on connection {connectionId}");
            }

            if (body is null)
            {
                _log?.Invoke($"{endpoint}: Content-Length {context.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"} is not 1..{MaxRequestBody}; closing the socket");
                context.Abort();
                return;
            }

            try
            {
                response = await turn.HandleAsync(endpoint, sessionId, body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (DeviceRequestFailedException)
            {
                response = null;
            }

            if (response is not null)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html";
                context.Response.ContentLength = response.Length;
                if (newSession)
                {
                    context.Response.Headers.SetCookie = HttpSessionTracker.CookieValue(sessionId);
                }
            }
        }

        if (response is not null)
        {
            await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // The device logged the reason; the client sees only a closed connection, like esp_http_server. Closed
        // after the turn ended, so that whoever sees the close also sees the failure in the device's snapshot.
        context.Abort();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not (> 0 and <= MaxRequestBody) || context.Request.Headers.TransferEncoding.Count > 0)
        {
            return null;
        }

        var body = new byte[(int)context.Request.ContentLength.Value];
        try
        {
            await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or OperationCanceledException or BadHttpRequestException)
        {
            return null;
        }

        return body;
    }

    private static async Task SendErrorAsync(HttpContext context, int status, string message)
    {
        // esp_http_server closes the socket after an error response.
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        context.Response.Headers.Connection = "close";
        var bytes = System.Text.Encoding.ASCII.GetBytes(message);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
