using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Bourse.Plugins.Sandbox;

/// <summary>
/// Checks a compiled strategy assembly against <see cref="SandboxPolicy"/> from its metadata alone, before anything of
/// it is loaded (System.Reflection.Metadata): every type reference, every member reference (methods, fields,
/// constructors, with their parent type, generic instantiations included) and every method specification; P/Invoke
/// methods (DllImport, LibraryImport stubs), <c>extern</c> bodies, pointer and function-pointer types in signatures
/// and locals, <c>calli</c> signatures, the unsafe-code module attribute, an <c>IgnoresAccessChecksToAttribute</c> of its
/// own, and references to assemblies other than the .NET framework and Bourse.Sdk. Each violation names the
/// forbidden member and the type or method of the plugin that uses it.
/// </summary>
public static class AssemblyInspector
{
    /// <summary>The violations in <paramref name="image"/>; empty when it keeps to the rules.</summary>
    /// <param name="image">A .dll image.</param>
    /// <exception cref="PluginException">The bytes are not a .NET assembly.</exception>
    public static IReadOnlyList<SandboxViolation> Inspect(ReadOnlySpan<byte> image)
    {
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            if (!pe.HasMetadata)
            {
                throw new PluginException("The file is not a valid .NET assembly (.dll built for .NET against Bourse.Sdk).");
            }

            return new Walk(pe.GetMetadataReader()).Run(pe);
        }
        catch (BadImageFormatException e)
        {
            throw new PluginException("The file is not a valid .NET assembly (.dll built for .NET against Bourse.Sdk).", e);
        }
    }

    private sealed class Walk(MetadataReader reader)
    {
        private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(ListFrameworkAssemblies);

        private readonly List<SandboxViolation> _found = [];
        private readonly Dictionary<EntityHandle, string> _users = [];

        public IReadOnlyList<SandboxViolation> Run(PEReader pe)
        {
            MapUsers(pe);
            CheckAssemblyReferences();
            CheckDefinitions();
            foreach (var handle in reader.TypeReferences)
            {
                if (Describe(handle) is { } type && SandboxPolicy.Check(type.Namespace, type.Name, null) is { } rule)
                {
                    Add(type.FullName, rule, handle);
                }
            }

            foreach (var handle in reader.MemberReferences)
            {
                var member = reader.GetMemberReference(handle);
                var name = reader.GetString(member.Name);
                if (member.GetKind() == MemberReferenceKind.Method && Signatures.HasPointer(member.DecodeMethodSignature(Signatures.Provider, null)))
                {
                    Add(name, "unsafe code", handle);
                }

                if (Describe(member.Parent) is { } type && SandboxPolicy.Check(type.Namespace, type.Name, name) is { } rule)
                {
                    Add(type.FullName + "." + name, rule, handle);
                }
            }

            return [.. _found.Distinct()];
        }

        /// <summary>Which of the plugin's methods uses each reference (from the IL of every method body).</summary>
        private void MapUsers(PEReader pe)
        {
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    var where = $"{FullName(typeHandle)}.{reader.GetString(method.Name)}";
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        var locals = reader.GetStandaloneSignature(body.LocalSignature);
                        if (locals.GetKind() == StandaloneSignatureKind.LocalVariables
                            && locals.DecodeLocalSignature(Signatures.Provider, null).Any(l => l))
                        {
                            _found.Add(new SandboxViolation("pointer local variable", "unsafe code", 0, 0, where));
                        }
                    }

                    foreach (var token in Tokens(body.GetILReader()))
                    {
                        _users.TryAdd(token, where);
                    }
                }
            }
        }

        private void CheckAssemblyReferences()
        {
            foreach (var handle in reader.AssemblyReferences)
            {
                var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
                if (name != "Bourse.Sdk" && !FrameworkAssemblies.Value.Contains(name))
                {
                    _found.Add(new SandboxViolation($"assembly {name}", "assembly loading", 0, 0, "the assembly's references"));
                }
            }
        }

        private void CheckDefinitions()
        {
            foreach (var attribute in reader.GetModuleDefinition().GetCustomAttributes().Concat(reader.GetAssemblyDefinition().GetCustomAttributes()))
            {
                if (AttributeType(reader.GetCustomAttribute(attribute)) is { } type && type.FullName == "System.Security.UnverifiableCodeAttribute")
                {
                    _found.Add(new SandboxViolation("unsafe code (compiled with /unsafe)", "unsafe code", 0, 0, "the module"));
                }
            }

            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                var typeName = FullName(typeHandle);
                if (reader.GetString(type.Name) == "IgnoresAccessChecksToAttribute")
                {
                    _found.Add(new SandboxViolation(typeName, "reflection", 0, 0, typeName));
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = reader.GetFieldDefinition(fieldHandle);
                    if (field.DecodeSignature(Signatures.Provider, null))
                    {
                        _found.Add(new SandboxViolation($"pointer field {reader.GetString(field.Name)}", "unsafe code", 0, 0, typeName));
                    }
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    var where = $"{typeName}.{reader.GetString(method.Name)}";
                    if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0 || !method.GetImport().Module.IsNil)
                    {
                        var import = method.GetImport();
                        var module = import.Module.IsNil ? "?" : reader.GetString(reader.GetModuleReference(import.Module).Name);
                        _found.Add(new SandboxViolation($"P/Invoke {module}!{reader.GetString(import.Name)}", "native interop", 0, 0, where));
                    }
                    else if (method.RelativeVirtualAddress == 0 && (method.Attributes & MethodAttributes.Abstract) == 0
                        && (method.ImplAttributes & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) != 0)
                    {
                        _found.Add(new SandboxViolation("extern method", "native interop", 0, 0, where));
                    }

                    if (Signatures.HasPointer(method.DecodeSignature(Signatures.Provider, null)))
                    {
                        _found.Add(new SandboxViolation("pointer in signature", "unsafe code", 0, 0, where));
                    }
                }
            }

            for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                var handle = MetadataTokens.TypeSpecificationHandle(row);
                if (reader.GetTypeSpecification(handle).DecodeSignature(Signatures.Provider, null))
                {
                    Add("pointer type", "unsafe code", handle);
                }
            }

            for (var row = 1; row <= reader.GetTableRowCount(TableIndex.StandAloneSig); row++)
            {
                var handle = MetadataTokens.StandaloneSignatureHandle(row);
                var signature = reader.GetStandaloneSignature(handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    Add("calli (function pointer call)", "unsafe code", handle);
                }
            }
        }

        private TypeName? AttributeType(CustomAttribute attribute)
        {
            var constructor = attribute.Constructor;
            return constructor.Kind == HandleKind.MemberReference ? Describe(reader.GetMemberReference((MemberReferenceHandle)constructor).Parent) : null;
        }

        /// <summary>The referenced type a handle names (a type reference, or the generic type of a type specification); null for the plugin's own types and arrays.</summary>
        private TypeName? Describe(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    var type = reader.GetTypeReference((TypeReferenceHandle)handle);
                    var name = StripArity(reader.GetString(type.Name));
                    if (type.ResolutionScope.Kind == HandleKind.TypeReference && Describe(type.ResolutionScope) is { } outer)
                    {
                        return new TypeName(outer.Namespace, outer.Name + "." + name);
                    }

                    return new TypeName(reader.GetString(type.Namespace), name);
                case HandleKind.TypeSpecification:
                    var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
                    if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
                    {
                        return null;
                    }

                    blob.ReadCompressedInteger();
                    return Describe(blob.ReadTypeHandle());
                default:
                    return null;
            }
        }

        private string FullName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            if (type.GetDeclaringType() is { IsNil: false } outer)
            {
                return FullName(outer) + "." + name;
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private void Add(string symbol, string rule, EntityHandle handle) =>
            _found.Add(new SandboxViolation(symbol, rule, 0, 0, _users.GetValueOrDefault(handle, "the assembly's metadata")));

        private static string StripArity(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;

        /// <summary>The metadata tokens (type, member, method spec, signature) the IL of a method body refers to.</summary>
        private static IEnumerable<EntityHandle> Tokens(BlobReader il)
        {
            var tokens = new List<EntityHandle>();
            while (il.RemainingBytes > 0)
            {
                var code = (ILOpCode)il.ReadByte();
                if (code == (ILOpCode)0xFE)
                {
                    code = (ILOpCode)(0xFE00 | il.ReadByte());
                }

                var size = OperandSize(code);
                if (size == 4 && HasToken(code))
                {
                    var token = il.ReadInt32();
                    var handle = MetadataTokens.EntityHandle(token);
                    tokens.Add(handle);
                }
                else if (code == ILOpCode.Switch)
                {
                    il.Offset += 4 * il.ReadInt32();
                }
                else
                {
                    il.Offset += size;
                }
            }

            return tokens;
        }

        private static bool HasToken(ILOpCode code) => code is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldfld or ILOpCode.Ldsfld
            or ILOpCode.Stfld or ILOpCode.Stsfld or ILOpCode.Ldflda or ILOpCode.Ldsflda or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Jmp
            or ILOpCode.Calli or ILOpCode.Ldtoken or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Isinst
            or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Initobj or ILOpCode.Cpobj or ILOpCode.Ldobj
            or ILOpCode.Stobj or ILOpCode.Sizeof or ILOpCode.Mkrefany or ILOpCode.Refanyval or ILOpCode.Constrained;

        /// <summary>Operand size in bytes of an IL instruction (ECMA-335 III); <c>switch</c> is handled by the caller.</summary>
        private static int OperandSize(ILOpCode code)
        {
            if (code.IsBranch())
            {
                return code.GetBranchOperandSize();
            }

            return code switch
            {
                ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
                    or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned => 1,
                ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
                ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
                ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Ldstr => 4,
                ILOpCode.Switch => 0,
                _ when HasToken(code) => 4,
                _ => 0,
            };
        }

        private static HashSet<string> ListFrameworkAssemblies()
        {
            var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
            var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
            return [.. trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()];
        }
    }

    private sealed record TypeName(string Namespace, string Name)
    {
        public string FullName => Namespace.Length == 0 ? Name : Namespace + "." + Name;
    }
}
