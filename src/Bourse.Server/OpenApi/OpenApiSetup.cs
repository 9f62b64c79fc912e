namespace Bourse.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: ASP.NET Core's description of the endpoints, completed by
/// <see cref="DocumentDescription"/> (title, licence, tag descriptions, the two credentials), <see cref="OperationSecurity"/>
/// (which operations need a credential, and their 401) and <see cref="ExampleGenerator"/> (an example for every JSON body).
/// Redocly's linter checks the result (tests/contracts/redocly.yaml).
/// </summary>
public static class OpenApiSetup
{
    /// <summary>Registers the document and its transformers.</summary>
    public static IServiceCollection AddBourseOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentDescription>();
            o.AddOperationTransformer<OperationSecurity>();
            o.AddDocumentTransformer<ExampleGenerator>();
        });
}
