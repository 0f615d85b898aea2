// The relying-party SDK.
