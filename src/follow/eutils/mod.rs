//! NCBI's E-utilities, as lenaview uses them: ESearch for the PMIDs a query finds, EFetch for their MEDLINE text.

pub mod efetch;
pub mod esearch;
pub mod http;
pub mod rate;
