using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Bourse.Plugins.Sandbox;

/// <summary>
/// Rewrites a checked strategy source so a runaway callback cannot spin or allocate forever: a call to
/// <c>Bourse.Sdk.Sandbox.CallbackBudget.Check()</c> starts every method, constructor, accessor, operator, local
/// function and lambda body (expression bodies become block bodies), every loop body and every <c>goto</c>; array
/// sizes go through <c>CallbackBudget.Length&lt;T&gt;</c>, which refuses an array larger than the budget left before it is
/// allocated. No line break is added or removed, so compiler positions stay those of the uploaded file.
/// </summary>
internal sealed class BudgetInstrumenter : CSharpSyntaxRewriter
{
    private const string Budget = "global::Bourse.Sdk.Sandbox.CallbackBudget";

    /// <summary>Arrays whose constant size is at most this many elements are left alone.</summary>
    private const long SmallConstantLength = 1024;

    private static readonly StatementSyntax Probe = ParseStatement(Budget + ".Check();");

    private readonly SemanticModel _model;

    private BudgetInstrumenter(SemanticModel model) => _model = model;

    /// <summary>The instrumented tree (same path and options).</summary>
    /// <param name="tree">The uploaded file, already checked by <see cref="SourceInspector"/>.</param>
    /// <param name="model">The semantic model of <paramref name="tree"/>.</param>
    public static SyntaxTree Instrument(SyntaxTree tree, SemanticModel model) =>
        tree.WithRootAndOptions(new BudgetInstrumenter(model).Visit(tree.GetRoot()), tree.Options);

    /// <inheritdoc />
    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var block = (BlockSyntax)base.VisitBlock(node)!;
        return node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
            ? Prepend(block)
            : block;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var loop = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return loop.WithStatement(Guard(loop.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var loop = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return loop.WithStatement(Guard(loop.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var loop = (ForStatementSyntax)base.VisitForStatement(node)!;
        return loop.WithStatement(Guard(loop.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var loop = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return loop.WithStatement(Guard(loop.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var loop = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return loop.WithStatement(Guard(loop.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) =>
        Guard((StatementSyntax)base.VisitGotoStatement(node)!);

    /// <inheritdoc />
    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var returnsVoid = _model.GetDeclaredSymbol(node)?.ReturnsVoid ?? true;
        var method = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return method.ExpressionBody is { } arrow
            ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, returnsVoid, method.SemicolonToken))
            : method;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var returnsVoid = _model.GetDeclaredSymbol(node)?.ReturnsVoid ?? false;
        var method = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        return method.ExpressionBody is { } arrow
            ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, returnsVoid, method.SemicolonToken))
            : method;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var method = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        return method.ExpressionBody is { } arrow
            ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, false, method.SemicolonToken))
            : method;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var method = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return method.ExpressionBody is { } arrow
            ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, true, method.SemicolonToken))
            : method;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node)
    {
        var method = (DestructorDeclarationSyntax)base.VisitDestructorDeclaration(node)!;
        return method.ExpressionBody is { } arrow
            ? method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, true, method.SemicolonToken))
            : method;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var returnsVoid = (_model.GetDeclaredSymbol(node) as IMethodSymbol)?.ReturnsVoid ?? true;
        var function = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return function.ExpressionBody is { } arrow
            ? function.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, returnsVoid, function.SemicolonToken))
            : function;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var returnsVoid = _model.GetDeclaredSymbol(node)?.ReturnsVoid ?? true;
        var accessor = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return accessor.ExpressionBody is { } arrow
            ? accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, returnsVoid, accessor.SemicolonToken))
            : accessor;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var property = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return property.ExpressionBody is { } arrow
            ? property.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow, property.SemicolonToken))
            : property;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var indexer = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return indexer.ExpressionBody is { } arrow
            ? indexer.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow, indexer.SemicolonToken))
            : indexer;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var returnsVoid = (_model.GetSymbolInfo(node).Symbol as IMethodSymbol)?.ReturnsVoid ?? false;
        var lambda = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return lambda.ExpressionBody is { } body ? lambda.WithExpressionBody(null).WithBlock(BodyOf(body, returnsVoid)) : lambda;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var returnsVoid = (_model.GetSymbolInfo(node).Symbol as IMethodSymbol)?.ReturnsVoid ?? false;
        var lambda = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return lambda.ExpressionBody is { } body ? lambda.WithExpressionBody(null).WithBlock(BodyOf(body, returnsVoid)) : lambda;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
    {
        var sizes = node.Type.RankSpecifiers[0].Sizes;
        var guarded = sizes.Select(size => size is not OmittedArraySizeExpressionSyntax && !IsSmallConstant(size)).ToArray();
        var creation = (ArrayCreationExpressionSyntax)base.VisitArrayCreationExpression(node)!;
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not null || !guarded.Contains(true))
        {
            return creation;
        }

        var rank = creation.Type.RankSpecifiers[0];
        var length = ParseExpression($"{Budget}.Length<{node.Type.ElementType.WithoutTrivia()}>");
        var newSizes = rank.Sizes.Select((size, i) => guarded[i]
            ? InvocationExpression(length, ArgumentList(SingletonSeparatedList(Argument(size.WithoutTrivia())))).WithTriviaFrom(size)
            : size);
        return creation.WithType(creation.Type.WithRankSpecifiers(creation.Type.RankSpecifiers.Replace(rank, rank.WithSizes(SeparatedList(newSizes, rank.Sizes.GetSeparators())))));
    }

    private bool IsSmallConstant(ExpressionSyntax size) =>
        _model.GetConstantValue(size) is { HasValue: true, Value: { } value } && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) <= SmallConstantLength;

    private static BlockSyntax Prepend(BlockSyntax block) => block.WithStatements(block.Statements.Insert(0, Probe));

    private static BlockSyntax Guard(StatementSyntax statement) =>
        statement is BlockSyntax block ? Prepend(block) : Block(Probe, statement);

    /// <summary>The block body for an expression body: the probe, then the expression returned, evaluated or thrown.</summary>
    private static BlockSyntax BodyOf(ArrowExpressionClauseSyntax arrow, bool returnsVoid, SyntaxToken semicolon) =>
        BodyOf(arrow.Expression, returnsVoid)
            .WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia))
            .WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(semicolon.TrailingTrivia));

    private static BlockSyntax BodyOf(ExpressionSyntax expression, bool returnsVoid)
    {
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax thrown => ThrowStatement(Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(Space), thrown.Expression, Token(SyntaxKind.SemicolonToken)),
            _ when returnsVoid => ExpressionStatement(expression),
            _ => ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), expression, Token(SyntaxKind.SemicolonToken)),
        };
        return Block(Probe, statement);
    }

    private static AccessorListSyntax Getter(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon) =>
        AccessorList(SingletonList(AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, BodyOf(arrow.Expression, false))))
            .WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(semicolon.TrailingTrivia));
}
