using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bourse.Plugins.Sandbox;

/// <summary>
/// Finds what a strategy source file uses that the sandbox forbids, semantically: every name bound in the file (types,
/// methods, properties, fields, events, attributes, base types, generic arguments) and every operation of its code
/// (including implicit calls: operators, conversions, target-typed <c>new()</c>, method groups) is resolved with the
/// Roslyn semantic model and checked against <see cref="SandboxPolicy"/>; unsafe code, pointers, function pointers,
/// <c>stackalloc</c>, <c>extern</c> methods, <c>dynamic</c>, <c>lock</c> and <c>await</c> are refused as constructs.
/// The file's own types are always allowed.
/// </summary>
internal sealed class SourceInspector
{
    private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpErrorMessageFormat;

    private readonly SemanticModel _model;
    private readonly IAssemblySymbol _own;
    private readonly List<SandboxViolation> _found = [];
    private readonly HashSet<SyntaxNode> _covered = [];

    private SourceInspector(SemanticModel model)
    {
        _model = model;
        _own = model.Compilation.Assembly;
    }

    /// <summary>The violations in <paramref name="tree"/>, by line then column, each symbol once per location.</summary>
    public static IReadOnlyList<SandboxViolation> Inspect(Microsoft.CodeAnalysis.Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var inspector = new SourceInspector(compilation.GetSemanticModel(tree));
        inspector.Visit(tree.GetRoot(cancellationToken), cancellationToken);
        return Simplify(inspector._found);
    }

    /// <summary>
    /// One entry per symbol and line (its first column), and no entry for a type on a line that also names one of
    /// its members (<c>File.ReadAllText</c> is reported as the method, not also as <c>File</c>).
    /// </summary>
    private static SandboxViolation[] Simplify(List<SandboxViolation> found)
    {
        var first = found
            .GroupBy(v => (v.Symbol, v.Line))
            .Select(g => g.MinBy(v => v.Column)!)
            .ToList();
        return [.. first
            .Where(v => !first.Any(o => o.Line == v.Line && o.Symbol.Length > v.Symbol.Length && o.Symbol.StartsWith(v.Symbol + ".", StringComparison.Ordinal)))
            .OrderBy(v => v.Line)
            .ThenBy(v => v.Column)];
    }

    private void Visit(SyntaxNode node, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CheckConstruct(node);
        if (node is SimpleNameSyntax name)
        {
            var info = _model.GetSymbolInfo(name, cancellationToken);
            CheckSymbol(info.Symbol ?? info.CandidateSymbols.FirstOrDefault(), name);
        }

        if (!_covered.Contains(node) && _model.GetOperation(node, cancellationToken) is { } operation)
        {
            foreach (var inner in operation.DescendantsAndSelf())
            {
                _covered.Add(inner.Syntax);
                CheckOperation(inner);
            }
        }

        foreach (var child in node.ChildNodes())
        {
            Visit(child, cancellationToken);
        }
    }

    private void CheckConstruct(SyntaxNode node)
    {
        switch (node)
        {
            case UnsafeStatementSyntax:
                Add("unsafe", "unsafe code", node);
                break;
            case PointerTypeSyntax or FunctionPointerTypeSyntax:
                Add(node.ToString(), "unsafe code", node);
                break;
            case FixedStatementSyntax:
                Add("fixed", "unsafe code", node);
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Add("stackalloc", "unsafe code", node);
                break;
            case MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                var modifiers = node is MemberDeclarationSyntax member ? member.Modifiers : ((LocalFunctionStatementSyntax)node).Modifiers;
                foreach (var modifier in modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                    {
                        Add("unsafe", "unsafe code", modifier.GetLocation());
                    }
                    else if (modifier.IsKind(SyntaxKind.ExternKeyword))
                    {
                        Add("extern", "native interop", modifier.GetLocation());
                    }
                    else if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        Add("async", "threads", modifier.GetLocation());
                    }
                }

                break;
            case AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword } lambda:
                Add("async", "threads", lambda.AsyncKeyword.GetLocation());
                break;
        }
    }

    private void CheckOperation(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                CheckSymbol(invocation.TargetMethod, operation.Syntax);
                break;
            case IObjectCreationOperation creation:
                CheckSymbol((ISymbol?)creation.Constructor ?? creation.Type, operation.Syntax);
                break;
            case IMemberReferenceOperation reference:
                CheckSymbol(reference.Member, operation.Syntax);
                break;
            case IUnaryOperation { OperatorMethod: { } method }:
                CheckSymbol(method, operation.Syntax);
                break;
            case IBinaryOperation { OperatorMethod: { } method }:
                CheckSymbol(method, operation.Syntax);
                break;
            case ICompoundAssignmentOperation { OperatorMethod: { } method }:
                CheckSymbol(method, operation.Syntax);
                break;
            case IIncrementOrDecrementOperation { OperatorMethod: { } method }:
                CheckSymbol(method, operation.Syntax);
                break;
            case IConversionOperation { OperatorMethod: { } method }:
                CheckSymbol(method, operation.Syntax);
                break;
            case ITypeOfOperation typeOf:
                CheckSymbol(typeOf.TypeOperand, operation.Syntax);
                break;
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                Add("dynamic", "dynamic", operation.Syntax);
                break;
            case IAddressOfOperation or IFunctionPointerInvocationOperation:
                Add(operation.Syntax.ToString(), "unsafe code", operation.Syntax);
                break;
            case ILockOperation:
                Add("lock", "threads", operation.Syntax.GetFirstToken().GetLocation());
                break;
            case IAwaitOperation:
                Add("await", "threads", operation.Syntax);
                break;
        }
    }

    private void CheckSymbol(ISymbol? symbol, SyntaxNode at)
    {
        switch (symbol)
        {
            case IMethodSymbol method:
                method = method.ReducedFrom ?? method;
                if (method.MethodKind == MethodKind.FunctionPointerSignature)
                {
                    Add(method.ToDisplayString(Display), "unsafe code", at);
                }
                else if (method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction))
                {
                    CheckMember(method, method.ContainingType, method.MetadataName, at);
                }

                break;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                CheckMember(symbol, symbol.ContainingType, symbol.MetadataName, at);
                break;
            case ITypeSymbol type:
                CheckType(type, at);
                break;
        }
    }

    private void CheckMember(ISymbol member, INamedTypeSymbol? type, string name, SyntaxNode at)
    {
        if (type is null || IsOwn(type))
        {
            return;
        }

        var definition = type.OriginalDefinition;
        if (SandboxPolicy.Check(NamespaceOf(definition), NameOf(definition), name) is { } rule)
        {
            Add(member.OriginalDefinition.ToDisplayString(Display), rule, at);
        }
    }

    private void CheckType(ITypeSymbol type, SyntaxNode at)
    {
        switch (type)
        {
            case IDynamicTypeSymbol:
                Add("dynamic", "dynamic", at);
                break;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                Add(type.ToDisplayString(Display), "unsafe code", at);
                break;
            case IArrayTypeSymbol array:
                CheckType(array.ElementType, at);
                break;
            case INamedTypeSymbol named when !IsOwn(named) && named.TypeKind != TypeKind.Error:
                var definition = named.OriginalDefinition;
                if (SandboxPolicy.Check(NamespaceOf(definition), NameOf(definition), null) is { } rule)
                {
                    Add(definition.ToDisplayString(Display), rule, at);
                }

                foreach (var argument in named.TypeArguments)
                {
                    CheckType(argument, at);
                }

                break;
        }
    }

    private bool IsOwn(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _own);

    private static string NamespaceOf(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

    private static string NameOf(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? NameOf(outer) + "." + type.Name : type.Name;

    private void Add(string symbol, string rule, SyntaxNode at) => Add(symbol, rule, at.GetLocation());

    private void Add(string symbol, string rule, Location location)
    {
        var start = location.GetLineSpan().StartLinePosition;
        _found.Add(new SandboxViolation(symbol, rule, start.Line + 1, start.Character + 1, null));
    }
}
