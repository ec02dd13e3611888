using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lms.Framework.Data;

public static class BulkInsert
{
    /// <summary>Rows per statement at most; fewer when the entity has many columns (parameter limits).</summary>
    public const int MaxRowsPerStatement = 1000;

    /// <summary>
    /// Parameters per SQLite statement at most. SQLite accepts 32,766, but binding a parameter by name searches the
    /// statement's names one by one, so the cost grows with the square of their number: 11,000 parameters (1,000 rows
    /// of 11 columns) took seconds where 500 take a millisecond (measured with the reporting read models).
    /// </summary>
    private const int MaxParametersPerStatement = 500;

    /// <summary>
    /// Inserts many rows with multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> statements (PostgreSQL and SQLite
    /// both read it): a row whose key or unique index is already taken is skipped, not an error, so a job that
    /// runs twice or on two nodes at once stores each row once. Values go through the model's converters, as
    /// EF would write them. The rows must carry their keys (no store-generated columns); the change tracker
    /// is not involved. Runs in the context's current transaction when there is one. Returns how many rows
    /// were actually inserted.
    /// </summary>
    public static async Task<int> InsertIgnoringDuplicatesAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of {db.GetType().Name}.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var rowsPerStatement = Math.Clamp(MaxParametersPerStatement / columns.Count, 1, MaxRowsPerStatement);

        var connection = db.Database.GetDbConnection();
        if (connection is Npgsql.NpgsqlConnection)
        {
            return await InsertWithArraysAsync(db, rows, table, columns.Select(c => (c.Property, c.Column!, c.Mapping)).ToList(), cancellationToken);
        }

        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var inserted = 0;
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var text = new StringBuilder(head);
                var n = 0;
                for (var r = 0; r < chunk.Length; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var (property, _, mapping) = columns[c];
                        var name = "p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        text.Append(c == 0 ? "@" : ", @").Append(name);
                        command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(chunk[r]), property.IsNullable));
                    }

                    text.Append(')');
                }

                text.Append(" ON CONFLICT DO NOTHING");
                command.CommandText = text.ToString();
                inserted += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return inserted;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Rows per statement on PostgreSQL, where each column travels as one array parameter.</summary>
    public const int PostgresRowsPerStatement = 10_000;

    /// <summary>
    /// PostgreSQL: one array parameter per column and <c>INSERT … SELECT * FROM unnest(…)</c>, so ten thousand rows
    /// cost one statement with a handful of parameters instead of thousands of bound values and a long SQL text.
    /// </summary>
    private static async Task<int> InsertWithArraysAsync<T>(DbContext db, IReadOnlyCollection<T> rows, StoreObjectIdentifier table,
        List<(IProperty Property, string Column, RelationalTypeMapping Mapping)> columns, CancellationToken cancellationToken)
        where T : class
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) " +
                   $"SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"@p{i}::{c.Mapping.StoreTypeNameBase}[]"))}) ON CONFLICT DO NOTHING";
        // The casts name the base type (varchar, not varchar(300)): an explicit cast to a length truncates silently,
        // while the insert's own assignment to the column refuses a value that is too long, as EF's inserts do.
        var inserted = 0;
        foreach (var chunk in rows.Chunk(PostgresRowsPerStatement))
        {
            var parameters = new object[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var (property, _, mapping) = columns[c];
                var converter = mapping.Converter;
                var providerType = converter?.ProviderClrType ?? property.ClrType;
                // Arrays of a nullable value type carry the NULLs (Guid?[], int?[]); reference types hold null as they are.
                var elementType = providerType.IsValueType && Nullable.GetUnderlyingType(providerType) is null && property.IsNullable
                    ? typeof(Nullable<>).MakeGenericType(providerType)
                    : providerType;
                var values = Array.CreateInstance(elementType, chunk.Length);
                var getter = property.GetGetter();
                for (var r = 0; r < chunk.Length; r++)
                {
                    var value = getter.GetClrValue(chunk[r]);
                    var provider = value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
                    values.SetValue(provider is DateTimeOffset at ? at.ToUniversalTime() : provider, r); // PostgreSQL takes UTC only
                }

                parameters[c] = new Npgsql.NpgsqlParameter("p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture), values);
            }

            inserted += await db.Database.ExecuteSqlRawAsync(text, parameters, cancellationToken);
        }

        return inserted;
    }
}
