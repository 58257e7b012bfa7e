/** Photos and attachments of cases (案件附件): upload, read-back, linking to their owner and clean-up. */
package cn.cityops.municipal.attachment;
