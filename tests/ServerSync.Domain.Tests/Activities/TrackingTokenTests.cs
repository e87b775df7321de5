using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;

namespace ServerSync.Domain.Tests.Activities;

/// <summary>Tracking tokens (reference 2.6) and the subject-length rule of MaximumSubjectLengthOnMailServer (1.3).</summary>
public sealed class TrackingTokenTests
{
    [Fact]
    public void Tokens_carry_prefix_designator_user_number_and_a_wrapping_counter()
    {
        var org = new Organization { MaximumTrackingNumber = 999, NextTrackingNumber = 998 };
        Assert.Equal("CRM:0001998", TrackingToken.Next(org, userNumber: 1));
        Assert.Equal("CRM:0001999", TrackingToken.Next(org, userNumber: 1));
        Assert.Equal("CRM:0001000", TrackingToken.Next(org, userNumber: 1));
        var based = new Organization { TrackingTokenIdBase = 500 };
        Assert.Equal("CRM:0501000", TrackingToken.Next(based, userNumber: 1));
    }

    [Fact]
    public void Tokens_are_found_for_current_and_earlier_prefixes()
    {
        var org = new Organization { TrackingPrefix = "OLD;NEW" };
        Assert.Equal("NEW:0001002", TrackingToken.Find("RE: Offer NEW:0001002", org));
        Assert.Equal("OLD:0003001", TrackingToken.Find("FW: old thread OLD:0003001", org));
        Assert.Null(TrackingToken.Find("No token here", org));
        Assert.StartsWith("NEW:", TrackingToken.Next(org, 1));
    }

    [Fact]
    public void The_token_is_appended_and_the_subject_truncated_to_fit()
    {
        Assert.Equal("Offer CRM:0001002", TrackingToken.AppendToSubject("Offer", "CRM:0001002"));
        var appended = TrackingToken.AppendToSubject(new string('s', 300), "CRM:0001002", 255);
        Assert.Equal(255, appended.Length);
        Assert.EndsWith(" CRM:0001002", appended);
    }

    [Fact]
    public void A_token_longer_than_the_limit_is_left_off()
    {
        Assert.Equal("Short", TrackingToken.AppendToSubject("Short", "CRM:0001002", maxLength: 8));
        Assert.Equal("Longer s", TrackingToken.AppendToSubject("Longer subject", "CRM:0001002", maxLength: 8));
    }
}
