namespace ServerSync.Domain.Activities;

// Option values exactly as Dataverse defines them for the email activity (reference section 1.5).

public enum EmailState { Open = 0, Completed = 1, Canceled = 2 }

public enum EmailStatus { Draft = 1, Completed = 2, Sent = 3, Received = 4, Canceled = 5, PendingSend = 6, Sending = 7, Failed = 8 }

public enum CorrelationMethod { None = 0, Skipped = 1, XHeader = 2, InReplyTo = 3, TrackingToken = 4, ConversationIndex = 5, SmartMatching = 6, CustomCorrelation = 7 }

public enum ParticipationType { Sender = 1, ToRecipient = 2, CcRecipient = 3, BccRecipient = 4 }

public enum EmailNotifications { None = 0, AttachmentsRemoved = 1, TruncatedBody = 2 }

public enum DeliveryPriority { Low = 0, Normal = 1, High = 2 }
