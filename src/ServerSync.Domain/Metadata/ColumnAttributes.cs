namespace ServerSync.Domain.Metadata;

/// <summary>The column takes only the values of the given enum (a Dataverse choice column stored as int).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionSetAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}

/// <summary>The column is maintained by the system and can't be set through the API.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReadOnlyColumnAttribute : Attribute;

/// <summary>
/// A lookup's foreign-key column (<c>_x_value</c>). It is set through <c>{BindName}@odata.bind</c>
/// with a reference to a row of one of <see cref="Targets"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LookupAttribute(string bindName, params Type[] targets) : Attribute
{
    public string BindName { get; } = bindName;
    public Type[] Targets { get; } = targets;

    /// <summary>Property holding the logical name of the referenced table, for polymorphic lookups.</summary>
    public string? TypeProperty { get; init; }
}

/// <summary>
/// A write-only secret. The property holds the ciphertext and is never serialized; writes come in
/// under <see cref="ColumnName"/>; <see cref="IsSetProperty"/> names the read-only flag kept in step.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretColumnAttribute(string columnName, string isSetProperty) : Attribute
{
    public string ColumnName { get; } = columnName;
    public string IsSetProperty { get; } = isSetProperty;
}

/// <summary>
/// A column the API computes from what is stored in another form (an attachment's base64 <c>body</c> from its bytes):
/// it can be read, written and selected, but not used in <c>$filter</c> or <c>$orderby</c>, which run in the database.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ComputedColumnAttribute : Attribute;

/// <summary>
/// A multiline (memo) text column: the API refuses longer text, as Dataverse does, while the store keeps it as
/// unbounded text (so it is not a [MaxLength], which would bound the database column too).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MemoColumnAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
}

/// <summary>The column holds one email address (<see cref="EmailAddressFormat"/>): mail goes to and from it, so nothing else is stored.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailAddressColumnAttribute : Attribute;
