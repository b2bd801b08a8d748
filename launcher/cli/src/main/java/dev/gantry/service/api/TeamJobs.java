package dev.gantry.service.api;

import dev.gantry.service.jobs.JobService;
import dev.gantry.service.store.Job;
import dev.gantry.service.tenancy.User;

/**
 * The one rule of who may see and touch a job: its team's users. A job of another team is
 * answered 403, an id no job has 404. Job ids count up from 1 and say nothing a caller could not
 * guess, so telling "not yours" from "not there" leaks nothing worth hiding, and a user who pasted
 * a colleague's job id from another team learns why it fails.
 */
final class TeamJobs {
    private final JobService jobs;

    TeamJobs(JobService jobs) {
        this.jobs = jobs;
    }

    Job ofCaller(long id, User caller) {
        Job job = jobs.job(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        if (!job.team().equals(caller.team())) {
            throw ApiException.forbidden("job " + id + " belongs to another team");
        }
        return job;
    }
}
