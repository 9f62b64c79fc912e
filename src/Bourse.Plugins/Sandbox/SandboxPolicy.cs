namespace Bourse.Plugins.Sandbox;

/// <summary>
/// What strategy code may use: an allowlist (anything not listed is refused), shared by the source analysis
/// (<see cref="SourceInspector"/>) and the binary inspection (<see cref="AssemblyInspector"/>).
/// <list type="bullet">
/// <item>Whole namespaces: the Bourse SDK (but not <c>Bourse.Sdk.Sandbox</c> beyond the injected probes and their assembly mark),
/// System.Collections, System.Collections.Generic, System.Collections.ObjectModel, System.Linq (but not PLINQ or IQueryable),
/// System.Globalization, System.Numerics, System.Text (not its sub-namespaces), System.ComponentModel.DataAnnotations,
/// System.Diagnostics.CodeAnalysis.</item>
/// <item>Listed types of <c>System</c> (primitives, math, time, strings, spans, tuples, delegates, the common exceptions...),
/// compiler support types of <c>System.Runtime.CompilerServices</c>, and debugger attributes the compiler emits.</item>
/// <item>Within allowed types, members that reach reflection are refused (e.g. <c>Type.GetMethod</c>,
/// <c>Delegate.DynamicInvoke</c>); <c>System.Type</c> keeps only its name and equality members.</item>
/// </list>
/// A refused symbol is named with the rule it breaks (file system, network, process, environment, reflection,
/// code emission, unsafe code, native interop, threads, timers, assembly loading, garbage collector, console,
/// dynamic, or "not on the allowlist" for anything else).
/// </summary>
public static class SandboxPolicy
{
    /// <summary>The rule for a symbol outside every listed namespace and type.</summary>
    public const string NotAllowlisted = "not on the allowlist";

    private static readonly string[] AllowedNamespaces =
    [
        "Bourse.Sdk.Identifiers", "Bourse.Sdk.Indicators", "Bourse.Sdk.MarketData", "Bourse.Sdk.Orders", "Bourse.Sdk.Portfolio",
        "Bourse.Sdk.Signals", "Bourse.Sdk.Strategies", "Bourse.Sdk.Values",
        "System.Collections", "System.Collections.Generic", "System.Collections.ObjectModel", "System.Linq", "System.Globalization", "System.Numerics",
        "System.Text", "System.ComponentModel.DataAnnotations", "System.Diagnostics.CodeAnalysis",
    ];

    private static readonly HashSet<string> AllowedSystemTypes =
    [
        "Object", "String", "Char", "Boolean", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Int128",
        "UInt128", "IntPtr", "UIntPtr", "Single", "Double", "Half", "Decimal", "Void", "Math", "MathF", "DateTime", "DateTimeOffset",
        "DateTimeKind", "DayOfWeek", "DateOnly", "TimeOnly", "TimeSpan", "Guid", "Nullable", "ValueTuple", "Tuple", "Array",
        "ArraySegment", "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "MemoryExtensions", "Index", "Range", "HashCode",
        "Enum", "ValueType", "Attribute", "AttributeUsageAttribute", "AttributeTargets", "FlagsAttribute", "ObsoleteAttribute",
        "ParamArrayAttribute", "Func", "Action", "Predicate", "Comparison", "Converter", "EventHandler", "EventArgs", "Delegate",
        "MulticastDelegate", "IComparable", "IEquatable", "IDisposable", "IFormattable", "IFormatProvider", "ISpanFormattable",
        "IUtf8SpanFormattable", "IParsable", "ISpanParsable", "IConvertible", "ICloneable", "StringComparison", "StringComparer",
        "StringSplitOptions", "MidpointRounding", "Convert", "BitConverter", "Random", "Lazy", "FormattableString",
        "Exception", "SystemException", "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException",
        "InvalidOperationException", "NotSupportedException", "NotImplementedException", "FormatException", "OverflowException",
        "DivideByZeroException", "ArithmeticException", "IndexOutOfRangeException", "NullReferenceException",
        "InvalidCastException", "ObjectDisposedException", "TimeoutException", "RuntimeTypeHandle", "RuntimeFieldHandle",
    ];

    private static readonly HashSet<string> AllowedCompilerServices =
    [
        "CompilerGeneratedAttribute", "ExtensionAttribute", "IsExternalInit", "IsReadOnlyAttribute", "IsByRefLikeAttribute",
        "IsUnmanagedAttribute", "NullableAttribute", "NullableContextAttribute", "NullablePublicOnlyAttribute", "RefSafetyRulesAttribute",
        "RequiredMemberAttribute", "CompilerFeatureRequiredAttribute", "TupleElementNamesAttribute", "DefaultInterpolatedStringHandler",
        "InterpolatedStringHandlerAttribute", "InterpolatedStringHandlerArgumentAttribute", "FormattableStringFactory",
        "IteratorStateMachineAttribute", "ScopedRefAttribute", "InlineArrayAttribute", "CollectionBuilderAttribute",
        "ParamCollectionAttribute", "CompilationRelaxationsAttribute", "RuntimeCompatibilityAttribute", "ITuple", "IsVolatile",
        "PreserveBaseOverridesAttribute", "CallerMemberNameAttribute", "CallerFilePathAttribute", "CallerLineNumberAttribute",
        "CallerArgumentExpressionAttribute", "EmbeddedAttribute", "MemberNotNullAttribute", "RuntimeHelpers",
    ];

    /// <summary>Types the C# compiler and the .NET SDK put on every assembly (custom attributes, no behaviour).</summary>
    private static readonly HashSet<string> AllowedAttributeTypes =
    [
        "System.Diagnostics.DebuggableAttribute", "System.Diagnostics.DebuggableAttribute.DebuggingModes",
        "System.Diagnostics.DebuggerBrowsableAttribute", "System.Diagnostics.DebuggerBrowsableState", "System.Diagnostics.DebuggerHiddenAttribute",
        "System.Diagnostics.DebuggerStepThroughAttribute", "System.Diagnostics.DebuggerDisplayAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute",
        "System.Diagnostics.ConditionalAttribute", "System.Diagnostics.UnreachableException",
        "System.Reflection.DefaultMemberAttribute", "System.Reflection.AssemblyCompanyAttribute", "System.Reflection.AssemblyConfigurationAttribute",
        "System.Reflection.AssemblyFileVersionAttribute", "System.Reflection.AssemblyInformationalVersionAttribute",
        "System.Reflection.AssemblyProductAttribute", "System.Reflection.AssemblyTitleAttribute", "System.Reflection.AssemblyVersionAttribute",
        "System.Reflection.AssemblyDescriptionAttribute", "System.Reflection.AssemblyCopyrightAttribute", "System.Reflection.AssemblyTrademarkAttribute",
        "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.Versioning.TargetFrameworkAttribute",
    ];

    /// <summary>Members refused inside otherwise allowed types, with their rule.</summary>
    private static readonly Dictionary<string, string> DeniedMembers = new(StringComparer.Ordinal)
    {
        ["System.Delegate.DynamicInvoke"] = "reflection",
        ["System.Delegate.Method"] = "reflection",
        ["System.Delegate.get_Method"] = "reflection",
        ["System.Delegate.CreateDelegate"] = "reflection",
        ["System.Delegate.Target"] = "reflection",
        ["System.Delegate.get_Target"] = "reflection",
        ["System.Exception.TargetSite"] = "reflection",
        ["System.Exception.get_TargetSite"] = "reflection",
        ["System.Array.CreateInstance"] = "reflection",
        ["System.Array.CreateInstanceFromArrayType"] = "reflection",
        ["System.Enum.GetValues"] = "reflection",
        ["System.Enum.GetNames"] = "reflection",
        ["System.Enum.GetUnderlyingType"] = "reflection",
        ["System.Convert.ChangeType"] = "reflection",
        ["System.RuntimeTypeHandle.Value"] = "reflection",
        ["System.RuntimeTypeHandle.get_Value"] = "reflection",
        ["System.RuntimeFieldHandle.Value"] = "reflection",
        ["System.RuntimeFieldHandle.get_Value"] = "reflection",
    };

    /// <summary>
    /// The only members strategy code may use of these types (iterators read <c>Environment.CurrentManagedThreadId</c>,
    /// records call <c>RuntimeHelpers.EnsureSufficientExecutionStack</c>, <c>typeof(T).Name</c> is harmless).
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> MemberAllowlists = new(StringComparer.Ordinal)
    {
        ["System.Type"] = ["GetTypeFromHandle", "op_Equality", "op_Inequality", "Name", "get_Name", "FullName", "get_FullName", "ToString", "Equals", "GetHashCode"],
        ["System.Runtime.CompilerServices.RuntimeHelpers"] = ["InitializeArray", "CreateSpan", "GetSubArray", "EnsureSufficientExecutionStack", "TryEnsureSufficientExecutionStack"],
        ["System.Reflection.MemberInfo"] = ["Name", "get_Name"],
        ["System.Environment"] = ["CurrentManagedThreadId", "get_CurrentManagedThreadId", "NewLine", "get_NewLine"],
        ["Bourse.Sdk.Sandbox.CallbackBudget"] = ["Check", "Length"],
        ["Bourse.Sdk.Sandbox.BudgetProbesAttribute"] = [".ctor"], // the compiler's mark on the probed assembly; on any other code it only costs that code's callbacks the thread-local arming
    };

    /// <summary>Types of allowed namespaces that are refused anyway.</summary>
    private static readonly Dictionary<string, string> DeniedTypes = new(StringComparer.Ordinal)
    {
        ["System.Linq.ParallelEnumerable"] = "threads",
        ["System.Linq.ParallelQuery"] = "threads",
        ["System.Linq.OrderedParallelQuery"] = "threads",
        ["System.Linq.Queryable"] = "code emission",
        ["System.Linq.IQueryable"] = "code emission",
        ["System.Linq.IOrderedQueryable"] = "code emission",
        ["System.Linq.IQueryProvider"] = "code emission",
        ["System.Linq.EnumerableQuery"] = "code emission",
        ["System.Runtime.CompilerServices.DynamicAttribute"] = "dynamic",
    };

    /// <summary>Rules by namespace prefix for refused symbols (the first match names the rule), most specific first.</summary>
    private static readonly (string Prefix, string Rule)[] RulesByNamespace =
    [
        ("System.IO", "file system"),
        ("System.Net", "network"),
        ("System.Reflection.Emit", "code emission"),
        ("System.Linq.Expressions", "code emission"),
        ("System.Runtime.Loader", "assembly loading"),
        ("System.Reflection", "reflection"),
        ("System.Runtime.InteropServices", "native interop"),
        ("System.Timers", "timers"),
        ("System.Threading", "threads"),
        ("Microsoft.CSharp.RuntimeBinder", "dynamic"),
        ("System.Dynamic", "dynamic"),
        ("System.Security", "unsafe code"),
        ("Microsoft.Win32", "environment"),
        ("Bourse.Sdk.Sandbox", "sandbox internals"),
    ];

    /// <summary>Rules for refused types of namespaces that are otherwise partly allowed.</summary>
    private static readonly Dictionary<string, string> RulesByType = new(StringComparer.Ordinal)
    {
        ["System.Environment"] = "environment",
        ["System.Diagnostics.Process"] = "process",
        ["System.Diagnostics.ProcessStartInfo"] = "process",
        ["System.AppContext"] = "environment",
        ["System.TimeZoneInfo"] = "file system",
        ["System.Console"] = "console",
        ["System.GC"] = "garbage collector",
        ["System.GCMemoryInfo"] = "garbage collector",
        ["System.WeakReference"] = "garbage collector",
        ["System.Activator"] = "reflection",
        ["System.Type"] = "reflection",
        ["System.AppDomain"] = "assembly loading",
        ["System.Reflection.Assembly"] = "assembly loading",
        ["System.Threading.Timer"] = "timers",
        ["System.Threading.PeriodicTimer"] = "timers",
        ["System.Diagnostics.Stopwatch"] = "timers",
        ["System.Runtime.CompilerServices.Unsafe"] = "unsafe code",
        ["System.Runtime.CompilerServices.RuntimeHelpers"] = "reflection",
        ["System.Runtime.CompilerServices.ModuleInitializerAttribute"] = "code run at load time",
        ["System.Runtime.CompilerServices.AsyncStateMachineAttribute"] = "threads",
        ["System.Runtime.CompilerServices.AsyncVoidMethodBuilder"] = "threads",
        ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder"] = "threads",
        ["System.Runtime.CompilerServices.AsyncValueTaskMethodBuilder"] = "threads",
        ["System.Runtime.CompilerServices.TaskAwaiter"] = "threads",
        ["System.Runtime.CompilerServices.ConfiguredTaskAwaitable"] = "threads",
        ["System.Runtime.CompilerServices.YieldAwaitable"] = "threads",
        ["System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute"] = "reflection",
    };

    /// <summary>
    /// Checks a type or one of its members.
    /// </summary>
    /// <param name="ns">The type's namespace, e.g. <c>System.IO</c> (empty for the global namespace).</param>
    /// <param name="typeName">The type's name without generic arity, nested types joined by '.', e.g. <c>File</c>, <c>DebuggableAttribute.DebuggingModes</c>.</param>
    /// <param name="member">A member's metadata name (<c>ReadAllText</c>, <c>get_Name</c>, <c>.ctor</c>), or null to check the type itself.</param>
    /// <returns>Null when allowed; otherwise the rule the symbol breaks, e.g. "file system".</returns>
    public static string? Check(string ns, string typeName, string? member)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(typeName);
        var type = ns.Length == 0 ? typeName : ns + "." + typeName;
        if (!IsTypeAllowed(ns, typeName, type))
        {
            return RuleFor(ns, type);
        }

        if (member is null)
        {
            return null;
        }

        if (MemberAllowlists.TryGetValue(type, out var members))
        {
            return members.Contains(member) ? null : RuleFor(ns, type);
        }

        return DeniedMembers.GetValueOrDefault(type + "." + member);
    }

    private static bool IsTypeAllowed(string ns, string typeName, string type)
    {
        if (DeniedTypes.ContainsKey(type))
        {
            return false;
        }

        if (MemberAllowlists.ContainsKey(type) || AllowedAttributeTypes.Contains(type))
        {
            return true;
        }

        var outer = typeName.Split('.')[0];
        return ns switch
        {
            "System" => AllowedSystemTypes.Contains(outer),
            "System.Runtime.CompilerServices" => AllowedCompilerServices.Contains(outer),
            _ => Array.IndexOf(AllowedNamespaces, ns) >= 0,
        };
    }

    private static string RuleFor(string ns, string type)
    {
        if (DeniedTypes.TryGetValue(type, out var denied) || RulesByType.TryGetValue(type, out denied))
        {
            return denied;
        }

        foreach (var (prefix, rule) in RulesByNamespace)
        {
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return NotAllowlisted;
    }
}
