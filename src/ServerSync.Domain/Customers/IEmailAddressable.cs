namespace ServerSync.Domain.Customers;

/// <summary>A record with the three email address columns that sender and recipient resolution searches.</summary>
public interface IEmailAddressable
{
    Guid Id { get; }
    string? EmailAddress1 { get; }
    string? EmailAddress2 { get; }
    string? EmailAddress3 { get; }
    int StateCode { get; }
}
