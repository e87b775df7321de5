using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;

namespace ServerSync.Domain.Tests.Activities;

/// <summary>Message identity, conversation index, subject normalisation and the filtering methods.</summary>
public sealed class MailParsingRulesTests
{
    [Fact]
    public void Message_ids_compare_without_brackets_or_case()
    {
        Assert.Equal(MessageIdentity.DupCheck("<ABC@Example.test>"), MessageIdentity.DupCheck("abc@example.test"));
        Assert.NotEqual(MessageIdentity.DupCheck("a@x"), MessageIdentity.DupCheck("b@x"));
    }

    [Fact]
    public void Mail_without_message_id_gets_a_stable_synthetic_one()
    {
        var date = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var first = MessageIdentity.Synthesize("a@x", date, "Hi", "body"u8);
        Assert.Equal(first, MessageIdentity.Synthesize("a@x", date, "Hi", "body"u8));
        Assert.NotEqual(first, MessageIdentity.Synthesize("a@x", date, "Hi", "other body"u8));
    }

    [Fact]
    public void A_reply_index_points_at_its_parent()
    {
        var root = ConversationIndex.Child(null, DateTimeOffset.UtcNow);
        var reply = ConversationIndex.Child(root, DateTimeOffset.UtcNow);
        Assert.Equal(root, ConversationIndex.Parent(reply));
        Assert.Null(ConversationIndex.Parent(root));
        Assert.Equal(reply, ConversationIndex.Parse(reply));
        Assert.Null(ConversationIndex.Parse("not base64!"));
        Assert.Null(ConversationIndex.Parse(Convert.ToBase64String(new byte[10])));
    }

    [Theory]
    [InlineData("RE: FW: Quote", "quote")]
    [InlineData("AW:  Angebot   Nr 5", "angebot nr 5")]
    [InlineData("Quote CRM:0001002", "quote")]
    public void Subjects_lose_reply_prefixes_and_the_token(string subject, string normalized)
    {
        Assert.Equal(normalized, SubjectNormalizer.Normalize(subject, "CRM:0001002"));
    }

    [Theory]
    [InlineData(IncomingFilteringMethod.AllEmail, false, null, true)]
    [InlineData(IncomingFilteringMethod.ResponsesToCrmEmail, false, "contact", false)]
    [InlineData(IncomingFilteringMethod.ResponsesToCrmEmail, true, null, true)]
    [InlineData(IncomingFilteringMethod.FromLeadsContactsAccounts, false, "lead", true)]
    [InlineData(IncomingFilteringMethod.FromLeadsContactsAccounts, false, "systemuser", false)]
    [InlineData(IncomingFilteringMethod.FromEmailEnabledRecords, false, "systemuser", true)]
    [InlineData(IncomingFilteringMethod.FromEmailEnabledRecords, false, null, false)]
    [InlineData(IncomingFilteringMethod.NoEmail, true, "contact", false)]
    public void Filtering_methods_accept_what_the_documentation_says(IncomingFilteringMethod method, bool correlated, string? sender, bool accepted)
    {
        Assert.Equal(accepted, IncomingFilter.Accepts(method, correlated, sender));
    }

    [Fact]
    public void Blocked_types_and_the_size_limit()
    {
        var policy = new AttachmentPolicy(new Organization { BlockedAttachments = "exe;.js", MaxUploadFileSize = 1 });
        Assert.True(policy.IsBlocked("setup.EXE"));
        Assert.True(policy.IsBlocked("x.js"));
        Assert.False(policy.IsBlocked("report.pdf"));
        Assert.False(policy.IsBlocked("noextension"));
        Assert.True(policy.IsTooLarge(1025));
        Assert.False(policy.IsTooLarge(1024));
    }
}
