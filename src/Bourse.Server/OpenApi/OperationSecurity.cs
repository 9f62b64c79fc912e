using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bourse.Server.OpenApi;

/// <summary>
/// The credentials of each operation: none for an endpoint that allows anonymous callers (<c>security: [{}]</c>), else a
/// bearer token or Alpaca's key headers, with a 401 problem response when the endpoint did not document one (but under
/// <c>/v2</c>, whose errors are Alpaca's).
/// </summary>
internal sealed class OperationSecurity : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.Bearer, document)] = [] },
            new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(DocumentDescription.AlpacaKey, document)] = [],
                [new OpenApiSecuritySchemeReference(DocumentDescription.AlpacaSecret, document)] = [],
            },
        ];
        operation.Responses ??= new OpenApiResponses();
        var alpaca = context.Description.RelativePath?.StartsWith("v2/", StringComparison.Ordinal) == true; // documents its own {code, message} 401
        if (!alpaca && !operation.Responses.ContainsKey("401"))
        {
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = "No credential, or an invalid, expired or revoked one.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            };
        }

        return Task.CompletedTask;
    }
}
