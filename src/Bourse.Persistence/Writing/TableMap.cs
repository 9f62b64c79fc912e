using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bourse.Persistence.Writing;

/// <summary>
/// How one entity is stored, read from the EF model (the schema's source of truth): table name, the columns the fast
/// writer sets (every mapped property except a database-generated key) with their store types, and each column's value
/// as EF would send it (the model's value converter applied, e.g. <see cref="DateTime"/> as UTC).
/// </summary>
/// <typeparam name="TEntity">An entity class of <see cref="BourseDbContext"/>.</typeparam>
public sealed class TableMap<TEntity>
    where TEntity : class
{
    /// <summary>Reads the mapping of <typeparamref name="TEntity"/> from <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="TEntity"/> is not in the model.</exception>
    public TableMap(IModel model)
    {
        var entity = model.FindEntityType(typeof(TEntity))
            ?? throw new ArgumentException($"{typeof(TEntity).Name} is not an entity of the model.", nameof(model));
        Table = entity.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        Columns = [.. entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => new TableColumn<TEntity>(p.Name, p.GetColumnName(table)!, p.GetColumnType(), Getter(p)))];
    }

    /// <summary>Table name.</summary>
    public string Table { get; }

    /// <summary>The columns written, in model order.</summary>
    public IReadOnlyList<TableColumn<TEntity>> Columns { get; }

    /// <summary>The column of a property.</summary>
    /// <exception cref="ArgumentException">No written column maps <paramref name="property"/>.</exception>
    public TableColumn<TEntity> Column(string property) =>
        Columns.FirstOrDefault(c => c.Property == property) ?? throw new ArgumentException($"{Table} has no written column for {property}.", nameof(property));

    /// <summary>Column names, comma separated (for INSERT and COPY).</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    private static Func<TEntity, object?> Getter(IProperty property)
    {
        var entity = Expression.Parameter(typeof(TEntity), "entity");
        var read = Expression.Lambda<Func<TEntity, object?>>(
            Expression.Convert(Expression.Property(entity, property.PropertyInfo!), typeof(object)), entity).Compile();
        var converter = property.GetTypeMapping().Converter?.ConvertToProvider;
        return converter is null ? read : e => read(e) is { } value ? converter(value) : null;
    }
}

/// <summary>One column the fast writer sets.</summary>
/// <param name="Property">The entity property.</param>
/// <param name="Name">Column name.</param>
/// <param name="StoreType">The provider's column type (e.g. TEXT, numeric(28,10), uuid).</param>
/// <param name="Value">The value of the column for an entity, as EF would send it (null for SQL NULL).</param>
public sealed record TableColumn<TEntity>(string Property, string Name, string StoreType, Func<TEntity, object?> Value);
