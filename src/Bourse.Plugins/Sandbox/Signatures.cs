using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Bourse.Plugins.Sandbox;

/// <summary>Decodes metadata signatures to one fact: does the type contain a pointer or function pointer?</summary>
internal static class Signatures
{
    /// <summary>The decoder: true for a type containing a pointer or function pointer.</summary>
    public static ISignatureTypeProvider<bool, object?> Provider { get; } = new PointerFinder();

    /// <summary>True when a method signature has a pointer in its return or parameter types.</summary>
    public static bool HasPointer(MethodSignature<bool> signature) => signature.ReturnType || signature.ParameterTypes.Any(p => p);

    private sealed class PointerFinder : ISignatureTypeProvider<bool, object?>
    {
        public bool GetArrayType(bool elementType, ArrayShape shape) => elementType;

        public bool GetByReferenceType(bool elementType) => elementType;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => genericType || typeArguments.Any(a => a);

        public bool GetGenericMethodParameter(object? genericContext, int index) => false;

        public bool GetGenericTypeParameter(object? genericContext, int index) => false;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => unmodifiedType;

        public bool GetPinnedType(bool elementType) => true;

        public bool GetPointerType(bool elementType) => true;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;

        public bool GetSZArrayType(bool elementType) => elementType;

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
